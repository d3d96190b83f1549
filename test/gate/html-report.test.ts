/**
 * The HTML report in headless Chromium (Debian's /usr/bin/chromium through playwright-core, a fresh profile
 * directory per run): it renders, the
 * findings table sorts and filters, and its layout holds. Layout is checked two ways that survive font and
 * Chromium version changes: element boxes (stacking, alignment, no horizontal overflow), and the screenshot's
 * own pixels sampled at those boxes (banner colour, badge colours), read back through a canvas.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { renderGate } from "../../src/report/render";
import { sampleReport } from "./sample-report";

const CHROMIUM = "/usr/bin/chromium";
let browser: BrowserContext;
let page: Page;
let profile: string;
let html: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "gate-chromium-"));
  html = renderGate(await sampleReport(), "html");
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await browser.newPage();
  const requests: string[] = [];
  page.on("request", (r) => void (r.url().startsWith("data:") || requests.push(r.url())));
  await page.setContent(html, { waitUntil: "load" });
  expect(requests).toEqual([]);
});

afterEach(async () => {
  await page.close();
});

const column = (index: number) =>
  page.$$eval(`#findings tbody tr:not([hidden]) td:nth-child(${index})`, (cells) => cells.map((c) => c.textContent ?? ""));

describe("the HTML report", () => {
  it("is self-contained: no external script, style, image or link", () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
  });

  it("renders the verdict, the summary, the ten categories as a checklist and the sizing decision", async () => {
    expect(await page.title()).toBe("Entra Connect readiness: Not ready");
    expect(await page.textContent("#verdict")).toBe("Not ready");
    expect(await page.$$eval(".counts li", (li) => li.map((l) => l.textContent))).toEqual([
      "1 pass",
      "1 warn",
      "2 fail",
      "0 planned only",
      "6 not checked",
    ]);
    const categories = await page.$$eval(".category", (li) =>
      li.map((l) => `${l.getAttribute("data-category")}:${l.querySelector(".badge")?.textContent}`),
    );
    expect(categories).toEqual([
      "version:Not checked",
      "cloud:Pass",
      "install-account:Warn",
      "active-directory:Fail",
      "soft-hard-match:Fail",
      "tier0:Not checked",
      "server-os:Not checked",
      "sql:Not checked",
      "network:Not checked",
      "sizing:Not checked",
    ]);
    expect(await page.textContent('[data-category="install-account"] .check')).toBe(
      "cloud-installer-role installer@contoso.com holds Hybrid Identity Administrator <directly> & not GA. (cloud, observed)",
    );
    expect(await page.$$eval("#sizing-decision dd", (dd) => dd.map((d) => d.textContent))).toEqual([
      "85,000 (ad)",
      "t2-50k-100k",
      "16 GB",
      "100 GB",
      "LocalDB fits; full SQL Server recommended",
      "Standard_D4s_v5",
    ]);
  });

  it("sorts the findings table by a column, ascending then descending", async () => {
    await page.click("#findings th:nth-child(1) button");
    expect(await column(1)).toEqual([
      "CN=Adams\\, Alice,OU=R&D,OU=Staff,DC=contoso,DC=com",
      "CN=Bob Brown,OU=Staff,DC=contoso,DC=com",
      "CN=Carol,OU=Staff,DC=contoso,DC=com",
      "CN=Dave,OU=Staff,DC=contoso,DC=com",
      "CN=Erin,OU=Staff,DC=contoso,DC=com",
    ]);
    expect(await page.getAttribute("#findings th:nth-child(1)", "aria-sort")).toBe("ascending");
    await page.click("#findings th:nth-child(1) button");
    expect((await column(1))[0]).toBe("CN=Erin,OU=Staff,DC=contoso,DC=com");
    await page.click("#findings th:nth-child(3) button");
    expect(await column(3)).toEqual(["mail", "mailNickname", "proxyAddresses", "proxyAddresses", "userPrincipalName"]);
    expect(await page.getAttribute("#findings th:nth-child(1)", "aria-sort")).toBe("none");
  });

  it("filters the findings by text and by kind, and says how many are shown", async () => {
    expect(await page.textContent("#shown")).toBe("5 of 5 shown");
    await page.fill("#filter", "CAROL");
    expect(await column(1)).toEqual(["CN=Carol,OU=Staff,DC=contoso,DC=com", "CN=Dave,OU=Staff,DC=contoso,DC=com"]);
    expect(await page.textContent("#shown")).toBe("2 of 5 shown");
    await page.fill("#filter", "");
    await page.selectOption("#kind-filter", "character");
    expect(await column(1)).toEqual([
      "CN=Bob Brown,OU=Staff,DC=contoso,DC=com",
      "CN=Carol,OU=Staff,DC=contoso,DC=com",
      "CN=Erin,OU=Staff,DC=contoso,DC=com",
    ]);
    // The filter sees the whole DN, though the cell shows only its first RDN.
    await page.fill("#filter", "OU=R&D");
    expect(await page.textContent("#shown")).toBe("0 of 5 shown");
    await page.selectOption("#kind-filter", "");
    expect(await page.textContent("#shown")).toBe("1 of 5 shown");
    await page.selectOption("#kind-filter", "character");
    await page.fill("#filter", "erin");
    expect(await page.textContent("#shown")).toBe("1 of 5 shown");
  });

  it("wraps long values inside their cell and never breaks a header inside a word; DNs show their first RDN, the full DN on hover (issue 12)", async () => {
    const headers = await page.$$eval("#findings th", (cells) =>
      cells.map((th) => {
        // One client rect for the label's text node: it sits on one line.
        const range = document.createRange();
        range.selectNodeContents(th.querySelector("button") ?? th);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        return { text: th.textContent ?? "", lines: tops.size, fits: th.scrollWidth <= th.clientWidth };
      }),
    );
    for (const h of headers) expect(h).toEqual({ text: h.text, lines: 1, fits: true });
    const value = page.locator("#findings td", { hasText: "x500:/o=ExchangeLabs" });
    const cell = await value.boundingBox();
    const table = await page.locator("#findings").boundingBox();
    expect(cell && table && cell.x + cell.width <= table.x + table.width).toBe(true);
    expect(await value.evaluate((td) => td.scrollWidth <= td.clientWidth)).toBe(true);
    const dn = page.locator("#findings td[title^='CN=Adams']");
    expect(await dn.getAttribute("title")).toBe("CN=Adams\\, Alice,OU=R&D,OU=Staff,DC=contoso,DC=com");
    expect(await dn.innerText()).toBe("CN=Adams\\, Alice");
    // The shown part sits on one line (the row may be taller for the long value beside it).
    const dnLines = await dn.locator(".rdn").evaluate((span) => {
      const range = document.createRange();
      range.selectNodeContents(span);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    });
    expect(dnLines).toBe(1);
  });

  it("lays out: banner on top at full width, sections stacked in order, badges left of titles, no horizontal overflow", async () => {
    const box = async (selector: string) => {
      const b = await page.locator(selector).first().boundingBox();
      if (!b) throw new Error(`${selector} has no box`);
      return b;
    };
    const header = await box("#summary");
    expect(header.y).toBe(0);
    expect(header.width).toBe(1280);
    let bottom = header.y + header.height;
    for (const id of ["#categories", "#sizing", "#directory", "#sources"]) {
      const b = await box(id);
      expect(b.y).toBeGreaterThanOrEqual(bottom);
      bottom = b.y + b.height;
    }
    for (const li of await page.locator(".category").all()) {
      const badge = await li.locator(".badge").boundingBox();
      const title = await li.locator("h3").boundingBox();
      expect(badge && title && badge.x + badge.width <= title.x && Math.abs(badge.y - title.y) < 12).toBe(true);
    }
    const table = await box("#findings");
    const section = await box("#directory");
    expect(table.x + table.width).toBeLessThanOrEqual(section.x + section.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  });

  it("looks like the layout in a screenshot: banner red for not ready, badges in their status colours", async () => {
    const dir = process.env.GATE_SCREENSHOT_DIR;
    const png = await page.screenshot({ fullPage: true });
    if (dir) writeFileSync(join(dir, "gate-report.png"), png);
    const points = await page.evaluate(() => {
      const centre = (el: Element | null) => {
        const r = el?.getBoundingClientRect();
        return r ? { x: Math.round(r.left + 6), y: Math.round(r.top + r.height / 2) } : { x: 0, y: 0 };
      };
      return {
        banner: { x: 5, y: 5 },
        fail: centre(document.querySelector('[data-status="fail"] .badge')),
        warn: centre(document.querySelector('[data-status="warn"] .badge')),
        pass: centre(document.querySelector('[data-status="pass"] .badge')),
        none: centre(document.querySelector('[data-status="not-checked"] .badge')),
      };
    });
    const sampler = await browser.newPage();
    const colours = await sampler.evaluate(
      async ({ src, pts }) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext("2d");
        if (!ctx) throw new Error("no canvas");
        ctx.drawImage(img, 0, 0);
        return Object.fromEntries(Object.entries(pts).map(([k, p]) => [k, Array.from(ctx.getImageData(p.x, p.y, 1, 1).data.slice(0, 3))]));
      },
      { src: `data:image/png;base64,${png.toString("base64")}`, pts: points },
    );
    await sampler.close();
    const near = (rgb: number[] | undefined, hex: string) => {
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return (rgb ?? []).length === 3 && want.every((w, i) => Math.abs(w - (rgb?.[i] ?? -999)) <= 24);
    };
    expect({ colours, ok: near(colours.banner, "#cf222e") }).toMatchObject({ ok: true });
    expect(near(colours.fail, "#cf222e")).toBe(true);
    expect(near(colours.warn, "#9a6700")).toBe(true);
    expect(near(colours.pass, "#1a7f37")).toBe(true);
    expect(near(colours.none, "#6e7781")).toBe(true);
  });

  it("ships JUnit XML that a browser's XML parser accepts", async () => {
    const junit = renderGate(await sampleReport(), "junit");
    const errors = await page.evaluate(
      (xml) => new DOMParser().parseFromString(xml, "application/xml").getElementsByTagName("parsererror").length,
      junit,
    );
    expect(errors).toBe(0);
  });
});
