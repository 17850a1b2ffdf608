import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ComponentChildren } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonLook {
  readonly variant?: ButtonVariant;
  readonly isBlock?: boolean;
  readonly isIconOnly?: boolean;
  readonly children: ComponentChildren;
}

export interface ButtonProps
  extends
    ButtonLook,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'className' | 'children'> {
  /** Working: stays focusable and says so to screen readers, ignores presses. */
  readonly isBusy?: boolean;
}

function classOf({ variant = 'primary', isBlock, isIconOnly }: ButtonLook): string {
  return ['btn', `btn--${variant}`, isBlock && 'btn--block', isIconOnly && 'btn--icon']
    .filter(Boolean)
    .join(' ');
}

/** A button at least 48 px each way (one-handed use); `type="button"` unless told otherwise. */
export function Button({
  variant,
  isBlock,
  isIconOnly,
  isBusy,
  type = 'button',
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={classOf({ variant, isBlock, isIconOnly, children })}
      aria-busy={isBusy ? 'true' : undefined}
      onClick={isBusy ? (event) => event.preventDefault() : onClick}
    >
      {children}
    </button>
  );
}

export interface LinkButtonProps
  extends
    ButtonLook,
    Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'class' | 'className' | 'children'> {
  readonly href: string;
}

/** Navigation that looks like a button (it is still a link to assistive technology). */
export function LinkButton({ variant, isBlock, isIconOnly, children, ...rest }: LinkButtonProps) {
  return (
    <a {...rest} class={classOf({ variant, isBlock, isIconOnly, children })}>
      {children}
    </a>
  );
}
