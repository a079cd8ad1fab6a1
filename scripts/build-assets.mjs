// Copies the built front-end packages out of node_modules into assets/, which Django's
// staticfiles serves (and whitenoise in production). No bundler is needed: Bootstrap Italia
// and htmx ship ready-built files.
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "assets";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const copies = [
  ["node_modules/bootstrap-italia/dist/css", `${out}/bootstrap-italia/css`],
  ["node_modules/bootstrap-italia/dist/js/bootstrap-italia.bundle.min.js", `${out}/bootstrap-italia/js/bootstrap-italia.bundle.min.js`],
  ["node_modules/bootstrap-italia/dist/svg", `${out}/bootstrap-italia/svg`],
  ["node_modules/bootstrap-italia/dist/fonts", `${out}/bootstrap-italia/fonts`],
  ["node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx/htmx.min.js`],
];
for (const [from, to] of copies) {
  cpSync(from, to, { recursive: true });
}
console.log(`assets: copied ${copies.length} entries into ${out}/`);
