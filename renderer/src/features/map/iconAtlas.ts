// The map's few icons, drawn on a canvas at start-up instead of loaded from a file: nothing
// to fetch, and the shapes stay in code next to the layers that use them. They are masks:
// the layers colour them per object.
export const ICON_SIZE = 64;

export const ICON_MAPPING = {
  /** A camera's field of view, pointing north before rotation; the camera sits at the apex. */
  wedge: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE, anchorX: 32, anchorY: 32, mask: true },
  /** A camera that looks all around (high points, drone docks). */
  ring: { x: ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, anchorX: 32, anchorY: 32, mask: true },
  /** A dispatchable unit. */
  unit: { x: ICON_SIZE * 2, y: 0, width: ICON_SIZE, height: ICON_SIZE, anchorX: 32, anchorY: 32, mask: true },
} as const;

export type IconName = keyof typeof ICON_MAPPING;

export function drawIconAtlas(doc: Document = document): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  canvas.width = ICON_SIZE * 3;
  canvas.height = ICON_SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#fff';

  // Wedge: a 70° sector of radius 30 opening upwards, and a solid dot at the apex.
  ctx.beginPath();
  ctx.moveTo(32, 32);
  ctx.arc(32, 32, 30, -Math.PI / 2 - 0.61, -Math.PI / 2 + 0.61);
  ctx.closePath();
  ctx.globalAlpha = 0.55;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.arc(32, 32, 7, 0, Math.PI * 2);
  ctx.fill();

  // Ring: a dot inside a circle.
  ctx.beginPath();
  ctx.arc(96, 32, 22, 0, Math.PI * 2);
  ctx.arc(96, 32, 15, 0, Math.PI * 2, true);
  ctx.fill();
  ctx.beginPath();
  ctx.arc(96, 32, 8, 0, Math.PI * 2);
  ctx.fill();

  // Unit: a diamond with a notch of background inside, readable at 16 px.
  ctx.beginPath();
  ctx.moveTo(160, 4);
  ctx.lineTo(188, 32);
  ctx.lineTo(160, 60);
  ctx.lineTo(132, 32);
  ctx.closePath();
  ctx.fill();
  ctx.globalCompositeOperation = 'destination-out';
  ctx.beginPath();
  ctx.arc(160, 32, 7, 0, Math.PI * 2);
  ctx.fill();
  ctx.globalCompositeOperation = 'source-over';
  return canvas;
}
