import type { ButtonHTMLAttributes, ComponentChildren } from "preact";

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "class" | "className"> & {
  variant?: "primary" | "secondary" | "quiet";
  children: ComponentChildren;
};

/** A large, high-contrast button (touch target >= 44 px, see styles.css). */
export function Button({ variant = "primary", type = "button", children, ...rest }: Props) {
  return (
    <button type={type} class={`btn btn-${variant}`} {...rest}>
      {children}
    </button>
  );
}
