import { WallChrome } from '../components/WallChrome';
import { IncidentMap } from '../features/map/IncidentMap';

export function WallMapScreen() {
  return (
    <WallChrome>
      <IncidentMap />
    </WallChrome>
  );
}
