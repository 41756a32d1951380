import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { isDecodablePath, proxy } from "@/proxy";

describe("proxy: paths that do not percent-decode", () => {
  it.each(["/systems/%FF%FE", "/systems/%ED%A0%80", "/systems/%E0%A4%A", "/systems/%", "/api/v1/keys/%FF", "/incidents/a%zz"])("%s answers 404 before Next's router", (pathname) => {
    expect(isDecodablePath(pathname)).toBe(false);
    expect(proxy(new NextRequest(`http://localhost${pathname}`)).status).toBe(404);
  });

  it.each(["/systems/abc", "/systems/%00", "/systems/%C3%BC", "/systems/%E2%80%AE", "/api/systems/x%20y"])("%s decodes and goes on (the page or route refuses it itself)", (pathname) => {
    expect(isDecodablePath(pathname)).toBe(true);
    expect(proxy(new NextRequest(`http://localhost${pathname}`)).status).toBe(200);
  });
});
