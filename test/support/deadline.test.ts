/** withDeadline (src/support/deadline.ts): the overall deadline of one outside call. */
import { withDeadline } from "../../src/support/deadline";

describe("withDeadline", () => {
  it("settles like the call when it finishes in time, and releases nothing", async () => {
    const abandon = jest.fn();
    await expect(withDeadline(Promise.resolve(7), 1000, { error: () => new Error("late"), abandon })).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error("own")), 1000, { error: () => new Error("late"), abandon })).rejects.toThrow("own");
    expect(abandon).not.toHaveBeenCalled();
  });

  it("rejects a call that never settles with the deadline's error, and releases what it holds", async () => {
    const abandon = jest.fn(() => Promise.reject(new Error("ignored")));
    const started = Date.now();
    await expect(
      withDeadline(new Promise<never>(() => undefined), 50, { error: () => new Error("no answer in 50 ms"), abandon }),
    ).rejects.toThrow("no answer in 50 ms");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(abandon).toHaveBeenCalledTimes(1);
  });

  it("still rejects with the deadline's error when releasing throws", async () => {
    const abandon = (): void => {
      throw new Error("socket already gone");
    };
    await expect(withDeadline(new Promise<never>(() => undefined), 10, { error: () => new Error("deadline"), abandon })).rejects.toThrow(
      "deadline",
    );
  });
});
