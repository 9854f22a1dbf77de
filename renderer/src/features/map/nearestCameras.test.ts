import { describe, expect, it } from 'vitest';
import { nearestCameras } from './nearestCameras';

// About 96 m per 0.001° of longitude and 111 m per 0.001° of latitude at 30.33 N.
const at = { lon: 120.08, lat: 30.33 };
const camera = (id: string, dLon: number, dLat: number) => ({ id, location: { lon: at.lon + dLon, lat: at.lat + dLat } });

describe('nearest cameras to a focused incident', () => {
  it('shows the four closest cameras, closest first', () => {
    const cameras = [
      camera('c300', 0.003, 0),
      camera('c100', 0, 0.0009),
      camera('c50', -0.0005, 0),
      camera('c400', 0, -0.0036),
      camera('c200', 0.002, 0),
    ];
    expect(nearestCameras(cameras, at).map((c) => c.id)).toEqual(['c50', 'c100', 'c200', 'c300']);
  });

  it('leaves out cameras more than 500 m away, even when fewer than four are left', () => {
    const cameras = [camera('near', 0.001, 0), camera('far', 0.006, 0), camera('farNorth', 0, 0.0046)];
    expect(nearestCameras(cameras, at).map((c) => c.id)).toEqual(['near']);
    expect(nearestCameras([camera('far', 0.01, 0.01)], at)).toEqual([]);
  });
});
