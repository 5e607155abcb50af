// Node entry of @kisfo/dashboard: where the built page is. The page itself is built by Vite into dist/.
export { dashboardAssetsDir } from './node/index.js';
