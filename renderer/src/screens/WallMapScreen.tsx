import { WallChrome } from '../components/WallChrome';
import { WallMap } from '../features/map/WallMap';

export function WallMapScreen() {
  return (
    <WallChrome>
      <WallMap />
    </WallChrome>
  );
}
