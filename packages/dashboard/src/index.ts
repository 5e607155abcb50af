// Node entry of @kisfo/dashboard: where the built page is. The page itself is src/app (Vite).
export { dashboardAssetsDir } from './node/index.js';
