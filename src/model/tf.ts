/**
 * The one place the model layer gets tfjs from: tfjs-core plus the two side-effect modules the
 * slim packages need (without the chained ops, training fails with "rMat.flatten is not a
 * function", as measured with tfjs 4.22). Backends are registered by the caller (worker,
 * scripts, tests), which chooses one deliberately.
 *
 * In plain Node these dist/ files have extensionless imports; scripts load
 * `lab/lib/tf-node.ts` first, which installs a resolve hook for them.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';

export { tf };
