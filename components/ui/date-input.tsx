"use client";

import { useRef, type ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A date field in the app's one date format, YYYY-MM-DD (lib/dates.ts), whatever the browser's
 * locale: a text field you can type into, plus a calendar button that opens the browser's
 * native date picker and writes the chosen day back in the same format. Submits YYYY-MM-DD
 * under `name`, as `<input type="date">` did, so servers and tests are unchanged. `min` and
 * `max` (YYYY-MM-DD) limit the picker; the server validates the typed value.
 */
export function DateInput({ className, min, max, id, invalid, ...props }: Omit<ComponentProps<"input">, "type"> & { invalid?: boolean; controlClassName: string }) {
  const { controlClassName, ...inputProps } = props;
  const textRef = useRef<HTMLInputElement>(null);
  const pickerRef = useRef<HTMLInputElement>(null);

  function openPicker() {
    const text = textRef.current;
    const picker = pickerRef.current;
    if (!text || !picker) return;
    picker.value = /^\d{4}-\d{2}-\d{2}$/.test(text.value) ? text.value : "";
    try {
      picker.showPicker();
    } catch {
      // Browsers without showPicker (or a blocked call): typing the date still works.
      text.focus();
    }
  }

  return (
    <div className={cn("relative", className)}>
      <input
        {...inputProps}
        ref={textRef}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="YYYY-MM-DD"
        pattern="\d{4}-\d{2}-\d{2}"
        maxLength={10}
        aria-invalid={invalid || undefined}
        className={cn(controlClassName, "w-full pr-10 tabular-nums")}
      />
      <button
        type="button"
        onClick={openPicker}
        className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-slate-500 hover:text-slate-800 focus-visible:outline-offset-[-2px]"
      >
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <rect x="3.5" y="5" width="17" height="15" rx="2" />
          <path d="M3.5 10h17M8 3v4M16 3v4" strokeLinecap="round" />
        </svg>
        <span className="sr-only">Choose {id ? "the date" : "a date"} from a calendar</span>
      </button>
      <input
        ref={pickerRef}
        type="date"
        tabIndex={-1}
        aria-hidden
        min={min}
        max={max}
        className="pointer-events-none absolute bottom-0 right-0 h-px w-px opacity-0"
        onChange={(event) => {
          const text = textRef.current;
          if (!text || !event.target.value) return;
          text.value = event.target.value;
          text.dispatchEvent(new Event("input", { bubbles: true }));
          text.focus();
        }}
      />
    </div>
  );
}
