import { useState } from 'preact/hooks';
import { useAppState } from '../../shell/app-state.ts';
import { errorCodeOf } from './use-stores.ts';

export interface Action {
  readonly isBusy: boolean;
  /** Why the last run was refused, in words; null when it was not. */
  readonly problem: string | null;
  /** Runs one store command: busy meanwhile, the refusal put into words. True when it succeeded. */
  run(command: () => Promise<unknown>): Promise<boolean>;
}

/** A button's command against the stores (approve, withdraw, move a status, discard…). */
export function useAction(): Action {
  const i18n = useAppState().i18n.value;
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    isBusy,
    problem,
    async run(command) {
      setBusy(true);
      setProblem(null);
      try {
        await command();
        return true;
      } catch (err) {
        setProblem(i18n.errorMessage(errorCodeOf(err)));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
