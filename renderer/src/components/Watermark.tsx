// Screens are watermarked with who is looking and when, so a photo of a screen can be
// traced. It sits above everything and lets every click through.
import { useTranslation } from 'react-i18next';
import { calendarDate, clockTime } from '../app/formatTime';
import { useNow } from '../app/useNow';

const TILES = 48;

export function Watermark({ name }: { name: string }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const text = t('watermark', { name, time: `${calendarDate(now)} ${clockTime(now).slice(0, 5)}` });
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i}>{text}</span>
      ))}
    </div>
  );
}
