import * as z from 'zod/mini';

/** Every reply across contexts: never a thrown error, always one of these two. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

const buildReplySchema = <T extends z.ZodMiniType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]);

/** Reply schemas already built, per value schema: one build per message kind, not per message. */
const replySchemas = new WeakMap<z.ZodMiniType, ReturnType<typeof buildReplySchema>>();

/** The schema of a reply carrying a `value` of the given schema (built once per value schema). */
export function replySchema<T extends z.ZodMiniType>(value: T): ReturnType<typeof buildReplySchema<T>> {
  let schema = replySchemas.get(value);
  if (!schema) {
    schema = buildReplySchema(value);
    replySchemas.set(value, schema);
  }
  return schema as ReturnType<typeof buildReplySchema<T>>;
}

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (error: unknown): Reply<never> => ({
  ok: false,
  error: error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unknown error',
});
