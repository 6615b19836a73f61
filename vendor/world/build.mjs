// Builds the /places map outline: Natural Earth 110m (public domain) land and country borders from
// world-atlas (ISC), converted with topojson-client (ISC), projected equirectangularly onto a
// 1000 x 500 box and written as SVG path data, so the server draws the map without any script.
//   npm ci && node build.mjs   ->  ../../src/communique/data/world/world-110m.json
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { feature, mesh } from "topojson-client";

const WIDTH = 1000, HEIGHT = 500;
const world = JSON.parse(readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));
const land = JSON.parse(readFileSync("node_modules/world-atlas/land-110m.json", "utf8"));

const x = (lon) => ((lon + 180) / 360 * WIDTH).toFixed(1);
const y = (lat) => ((90 - lat) / 180 * HEIGHT).toFixed(1);
// A ring that jumps across the antimeridian (Chukotka, Fiji, Antarctica's edge) starts a new
// subpath there instead of drawing a line across the whole map.
const ring = (points, close) => {
  let jumped = false;
  const d = points.map(([lon, lat], i) => {
    const jump = i > 0 && Math.abs(lon - points[i - 1][0]) > 180;
    jumped ||= jump;
    return `${i === 0 || jump ? "M" : "L"}${x(lon)},${y(lat)}`;
  }).join("");
  return d + (close && !jumped ? "Z" : "");
};

function path(geometry) {
  const { type, coordinates } = geometry;
  if (type === "Polygon") return coordinates.map((r) => ring(r, true)).join("");
  if (type === "MultiPolygon") return coordinates.flatMap((p) => p.map((r) => ring(r, true))).join("");
  if (type === "LineString") return ring(coordinates, false);
  if (type === "MultiLineString") return coordinates.map((l) => ring(l, false)).join("");
  if (type === "GeometryCollection") return geometry.geometries.map(path).join("");
  throw new Error(`unexpected geometry ${type}`);
}

const landFeature = feature(land, land.objects.land);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
const out = {
  source: "Natural Earth 110m (public domain) via world-atlas 2.0.2 (ISC), topojson-client 3.1.0 (ISC)",
  projection: "equirectangular: x = (lon + 180) / 360 * width, y = (90 - lat) / 180 * height",
  width: WIDTH,
  height: HEIGHT,
  land: landFeature.features ? landFeature.features.map((f) => path(f.geometry)).join("") : path(landFeature.geometry),
  borders: path(borders),
};
mkdirSync("../../src/communique/data/world", { recursive: true });
writeFileSync("../../src/communique/data/world/world-110m.json", JSON.stringify(out) + "\n");
console.log(`land ${out.land.length} chars, borders ${out.borders.length} chars`);
