import * as z from 'zod/mini';

/** Every reply across contexts: never a thrown error, always one of these two. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export const replySchema = <T extends z.ZodMiniType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]);

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (error: unknown): Reply<never> => ({
  ok: false,
  error: error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unknown error',
});
