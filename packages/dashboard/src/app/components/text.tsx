import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldLabel, type Label, type Lang, UI, type UiKey } from '../labels.js';

/** The display language, switched by the header's toggle. */
export const LangContext = createContext<Lang>('ko');

/** A label in the page language with the other language on hover. */
export function Text({ label, code }: { label: Label; code?: string }) {
  const lang = useContext(LangContext);
  const other = lang === 'ko' ? label.en : label.ko;
  return (
    <span title={code === undefined ? other : `${other} (${code})`} lang={lang}>
      {label[lang]}
    </span>
  );
}

/** A page label by key. */
export function T({ k }: { k: UiKey }) {
  return <Text label={UI[k]} />;
}

/** A wire field's KIS label (Korean from the document, English description), wire name on hover. */
export function F({ name }: { name: string }) {
  return <Text label={fieldLabel(name)} code={name} />;
}

/** The plain string of a page label in the current language (for aria-labels and titles). */
export function useText(): (k: UiKey) => string {
  const lang = useContext(LangContext);
  return (k) => UI[k][lang];
}
