import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import AppError from "@/app/(app)/error";

// The app's error boundary (app/(app)/error.tsx) is what a page inside the frame shows when its
// server render throws: Next.js hands it the error with only a digest (the message is replaced
// in production). Rendered here with such an error, without any endpoint that throws.
describe("branded error page", () => {
  const render = (error: Error & { digest?: string }) => renderToStaticMarkup(createElement(AppError, { error, reset: () => {} }));

  it("shows the branded panel, the reference to quote, Try again and the way back", () => {
    const error = Object.assign(new Error("An error occurred in the Server Components render."), { digest: "3141592653" });
    const html = render(error);
    expect(html).toContain("Something went wrong on this page");
    expect(html).toMatch(/Reference: <code[^>]*>3141592653<\/code>/);
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(html).toMatch(/<a[^>]*href="\/"[^>]*>Back to overview<\/a>/);
  });

  it("never shows the error's own message (it may carry internals), and no reference line without a digest", () => {
    const html = render(new Error('relation "AiSystem" does not exist; password=hunter2'));
    expect(html).toContain("Something went wrong on this page");
    expect(html).not.toContain("hunter2");
    expect(html).not.toContain("AiSystem");
    expect(html).not.toContain("Reference:");
  });
});
