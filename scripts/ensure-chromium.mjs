// Installs what the browser tests need from Debian's packages, if it is missing:
// Chromium (playwright-core cannot download its own browser on this network), and the
// CJK and colour-emoji fonts a learner's device has, so the Chinese interface and the
// avatars render in screenshots as they would for a real user.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium';
const NEEDS = [
  { pkg: 'chromium', path: CHROMIUM },
  { pkg: 'fonts-noto-cjk', path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
  { pkg: 'fonts-noto-color-emoji', path: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf' },
];

const missing = NEEDS.filter((n) => !existsSync(n.path));
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((m) => m.pkg).join(' ');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = root ? '' : 'sudo ';
console.log(`[ensure-chromium] installing Debian packages: ${pkgs}`);
try {
  execSync(
    `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs}`,
    {
      stdio: 'inherit',
    },
  );
} catch {
  console.error(
    `[ensure-chromium] apt-get could not install ${pkgs}. Install them yourself, or set LANTERN_CHROMIUM to a Chromium binary.`,
  );
  process.exit(1);
}
const still = NEEDS.filter((n) => !existsSync(n.path));
if (still.some((n) => n.pkg === 'chromium')) {
  console.error(`[ensure-chromium] apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
for (const n of still) {
  console.warn(`[ensure-chromium] warning: ${n.path} not found after installing ${n.pkg}`);
}
