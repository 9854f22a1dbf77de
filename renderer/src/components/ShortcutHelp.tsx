// F1 (or the "?" in the top bar) lists every shortcut live in this window, grouped, with what
// it does in the window's language; shortcuts not usable right now are shown dimmed.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHotkeys, useRegisteredHotkeys, type Hotkey } from '../app/hotkeys';
import './ShortcutHelp.css';

const GROUP_ORDER = ['general', 'intake', 'incident', 'other'] as const;
type Group = (typeof GROUP_ORDER)[number];

/** The overlay's group of a shortcut, from the namespace of its label. */
export function groupOf(labelKey: string): Group {
  const namespace = labelKey.split('.')[0] ?? '';
  if (namespace === 'shortcutHelp' || namespace === 'lock' || namespace === 'topBar' || namespace === 'app') return 'general';
  if (namespace === 'intake' || namespace === 'intakeAssist') return 'intake';
  if (namespace === 'queue' || namespace === 'queueBar' || namespace === 'detail' || namespace === 'command' || namespace === 'incident') return 'incident';
  return 'other';
}

/** One row per combo: a key registered twice (page and dialog) is listed once, usable if either is. */
export function groupedHotkeys(hotkeys: readonly Hotkey[]): Array<{ group: Group; items: Array<{ combo: string; labelKey: string; enabled: boolean }> }> {
  const byCombo = new Map<string, { combo: string; labelKey: string; enabled: boolean }>();
  for (const h of hotkeys) {
    const enabled = h.enabled !== false;
    const seen = byCombo.get(h.combo);
    // The newest registration wins a clash, so its label is the one that acts now.
    if (!seen || enabled || !seen.enabled) byCombo.set(h.combo, { combo: h.combo, labelKey: h.labelKey, enabled: enabled || (seen?.enabled ?? false) });
  }
  const groups = new Map<Group, Array<{ combo: string; labelKey: string; enabled: boolean }>>();
  for (const item of byCombo.values()) {
    const group = groupOf(item.labelKey);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return GROUP_ORDER.filter((g) => groups.has(g)).map((group) => ({ group, items: groups.get(group)! }));
}

export function ShortcutHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hotkeys = useRegisteredHotkeys();
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  const show = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  };
  const hide = () => {
    setOpen(false);
    opener.current?.focus();
  };
  useHotkeys([
    { combo: 'F1', labelKey: 'shortcutHelp.hotkeyOpen', run: () => (open ? hide() : show()) },
    { combo: 'Escape', labelKey: 'shortcutHelp.close', run: hide, enabled: open },
  ]);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  return (
    <>
      <button type="button" className="button button-quiet shortcut-help-button" data-testid="shortcut-help-open" aria-label={t('shortcutHelp.open')} title={t('shortcutHelp.open')} aria-keyshortcuts="F1" onClick={show}>
        ?
      </button>
      {open ? (
        <div className="shortcut-help-backdrop" onClick={hide}>
          <section
            className="shortcut-help"
            data-testid="shortcut-help"
            role="dialog"
            aria-modal="true"
            aria-labelledby="shortcut-help-title"
            onClick={(e) => e.stopPropagation()}
          >
            <header className="shortcut-help-head">
              <h2 id="shortcut-help-title">{t('shortcutHelp.title')}</h2>
              <button type="button" ref={closeRef} className="button button-quiet" onClick={hide}>
                {t('shortcutHelp.close')} <kbd>Esc</kbd>
              </button>
            </header>
            {hotkeys.length === 0 ? <p className="hint">{t('shortcutHelp.empty')}</p> : null}
            {groupedHotkeys(hotkeys).map(({ group, items }) => (
              <div key={group} className="shortcut-group">
                <h3>{t(`shortcutHelp.group.${group}`)}</h3>
                <dl>
                  {items.map((item) => (
                    <div key={item.combo} className={item.enabled ? 'shortcut-row' : 'shortcut-row shortcut-off'} data-combo={item.combo}>
                      <dt>
                        <kbd>{item.combo}</kbd>
                      </dt>
                      <dd>
                        {t(item.labelKey)}
                        {item.enabled ? null : <span className="hint"> · {t('shortcutHelp.unavailable')}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </section>
        </div>
      ) : null}
    </>
  );
}
