import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { DateInput } from "./date-input";

// Focus: a solid 2 px brand outline like the buttons' (not a faint ring), on every text field.
const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-2 focus:outline-offset-1 focus:outline-brand-600 disabled:bg-slate-50 disabled:text-slate-500";

function border(invalid?: boolean) {
  return invalid ? "border-red-400" : "border-slate-300";
}

export function Field({
  label,
  htmlFor,
  hint,
  errors,
  required,
  children,
  className,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="ml-0.5 text-red-600" aria-hidden>*</span> : null}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-slate-500" id={`${htmlFor}-hint`}>{hint}</p> : null}
      {errors?.length ? (
        <p className="text-xs font-medium text-red-600" id={`${htmlFor}-error`} role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A text field. `type="date"` gives the app's date field (./date-input.tsx): typed and shown
 * as YYYY-MM-DD whatever the browser's locale, with a calendar button.
 */
export function Input({ invalid, className, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  if (props.type === "date") {
    const { type: _date, ...rest } = props;
    void _date;
    return <DateInput {...rest} invalid={invalid} className={className} controlClassName={cn(control, border(invalid), "h-9 py-1.5")} />;
  }
  return <input aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9 py-1.5", className)} {...props} />;
}

export function Textarea({ invalid, className, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={cn(control, border(invalid), className)} {...props} />;
}

export function Select({ invalid, className, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9 py-1.5 pr-8", className)} {...props} />;
}
