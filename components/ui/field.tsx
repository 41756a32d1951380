import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-50 disabled:text-slate-500";

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

export function Input({ invalid, className, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9 py-1.5", className)} {...props} />;
}

export function Textarea({ invalid, className, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={cn(control, border(invalid), className)} {...props} />;
}

export function Select({ invalid, className, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(control, border(invalid), "h-9 py-1.5 pr-8", className)} {...props} />;
}
