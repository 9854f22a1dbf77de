import { calendarDate, clockTime } from '../app/formatTime';
import { useNow } from '../app/useNow';

export function Clock({ withDate = false }: { withDate?: boolean }) {
  const now = useNow(1_000);
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} data-testid="clock">
      {withDate ? <span className="clock-date">{calendarDate(now)}</span> : null}
      <span className="clock-time">{clockTime(now)}</span>
    </time>
  );
}
