// The video wall window: the town's cameras in a grid of tiles that follows the wall's focus.
import { WallChrome } from '../components/WallChrome';
import { VideoWall } from '../features/video/VideoWall';

export function WallVideoScreen() {
  return (
    <WallChrome>
      <VideoWall />
    </WallChrome>
  );
}
