import './toast.css';
import { t } from '@/lib/i18n';

export interface ToastProps {
  message: string;
  /** "Undo"; absent for a plain notice. */
  actionLabel?: string;
  onAction?(): void;
  onDismiss(): void;
  error?: boolean;
  busy?: boolean;
}

/**
 * The one toast of every surface (Gmail's pattern): what just happened, an Undo for a few
 * seconds, and a close button. Presentational: the surface decides when it shows and goes.
 */
export function Toast({ message, actionLabel, onAction, onDismiss, error, busy }: ToastProps) {
  return (
    <div className={`tb-toast${error ? ' error' : ''}`} role="status" aria-live="polite" data-testid="toast">
      <span className="tb-toast-text" data-testid="toast-text">
        {message}
      </span>
      {actionLabel && onAction ? (
        <button
          type="button"
          className="tb-toast-action"
          disabled={busy}
          onClick={onAction}
          data-testid="toast-undo"
        >
          {actionLabel}
        </button>
      ) : null}
      <button type="button" className="tb-toast-close" aria-label={t('common_dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
