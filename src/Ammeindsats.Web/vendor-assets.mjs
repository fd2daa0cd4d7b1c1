// Copies the built files of the pinned front-end packages into wwwroot/lib,
// so that running the app needs neither npm nor the network.
import { cpSync, rmSync, mkdirSync } from "node:fs";

const copies = [
  ["node_modules/dkfds/dist/css/dkfds.min.css", "wwwroot/lib/dkfds/css/dkfds.min.css"],
  ["node_modules/dkfds/dist/js/dkfds.min.js", "wwwroot/lib/dkfds/js/dkfds.min.js"],
  ["node_modules/dkfds/dist/fonts", "wwwroot/lib/dkfds/fonts"],
  ["node_modules/dkfds/dist/img", "wwwroot/lib/dkfds/img"],
  ["node_modules/dkfds/dist/LICENSE.md", "wwwroot/lib/dkfds/LICENSE.md"],
  ["node_modules/htmx.org/dist/htmx.min.js", "wwwroot/lib/htmx/htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "wwwroot/lib/htmx/LICENSE"],
  ["node_modules/echarts/dist/echarts.min.js", "wwwroot/lib/echarts/echarts.min.js"],
  ["node_modules/echarts/LICENSE", "wwwroot/lib/echarts/LICENSE"],
];

rmSync("wwwroot/lib", { recursive: true, force: true });
for (const [from, to] of copies) {
  mkdirSync(to.substring(0, to.lastIndexOf("/")), { recursive: true });
  cpSync(from, to, { recursive: true });
}
console.log(`Copied ${copies.length} items into wwwroot/lib`);
