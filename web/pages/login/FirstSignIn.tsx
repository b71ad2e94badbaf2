import { useEffect, useState } from 'react';
import { authApi, type StageResponse } from '../../api/auth';
import { storedLang, saveLang, type Lang } from '../../i18n/lang';
import { signInText } from '../../i18n/sign-in';
import { CredentialsForm } from './CredentialsForm';
import { SignInShell } from './SignInShell';
import { handOff } from './handoff';

interface Props {
  /** Signed in (stage active): the app takes over, with the account already known. */
  onSignedIn: () => Promise<void>;
  /** A further step follows (two-step code, password change): the app's sign-in page takes it. */
  onNextStep: () => Promise<void>;
  /** The form is on screen: the app's code may load now, while the user types. */
  onShown: () => void;
}

/**
 * The first screen of a device that has no session (issue 17 §6): React and plain markup only,
 * so on a weak signal the form shows before antd and the app's pages have loaded
 * (docs/decisions/0016-light-sign-in-entry.md). Every later step is the app's own sign-in page.
 */
export function FirstSignIn({ onSignedIn, onNextStep, onShown }: Props) {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    onShown();
    authApi
      .health()
      .then((h) => setDemo(h.demo))
      .catch(() => undefined);
  }, [onShown]);
  const onStage = async (r: StageResponse, password: string) => {
    if (r.stage === 'active') return onSignedIn();
    handOff({ stage: r.stage, password });
    return onNextStep();
  };
  return (
    <SignInShell
      lang={lang}
      demo={demo}
      title={signInText(lang)('login.title')}
      onLang={(l) => {
        setLang(l);
        saveLang(l);
      }}
    >
      <CredentialsForm lang={lang} onStage={onStage} />
    </SignInShell>
  );
}
