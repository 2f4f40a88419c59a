import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { createLantern } from './app/lantern';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

mount(App, { target, props: { lantern: createLantern() } });
