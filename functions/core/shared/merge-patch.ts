// JSON Merge Patch (RFC 7396): how an agent changes part of a démarche, a questionnaire or a
// campaign. `{"message":{"title":"…"}}` changes the title alone, `null` removes an optional field,
// an array replaces the whole array. The patch's schema is derived from the input schema, so the
// rules it checks and the OpenAPI document it feeds cannot drift from what a creation accepts.
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MEMBER = { enumerable: true, writable: true, configurable: true };

/** RFC 7396 §2: objects merge member by member, `null` removes a member, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // Defined, not assigned: a `__proto__` member stays a member and never becomes a prototype.
    else Object.defineProperty(result, key, { value: applyMergePatch(result[key], value), ...MEMBER });
  }
  return result;
}

/** Equal as JSON: what a PATCH compares to decide whether anything changed (absent = undefined). */
export const sameJson = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)) as unknown, JSON.parse(JSON.stringify(b)) as unknown);

// zod 4 schemas are rebuilt with `clone(def)`: every check, message and description is kept, only
// the parts named (shape, element, options, inner type) change.
type Def = Record<string, unknown>;
type Shape = Record<string, z.ZodType>;
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const rebuild = <S extends z.ZodType>(schema: S, changes: Def): S =>
  (schema as unknown as { clone(def: Def): S }).clone({ ...defOf(schema), ...changes });

/** Without its `optional` or `default` wrapper, and whether it had one. */
function unwrapOptional(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return { inner: unwrapOptional(schema.unwrap() as z.ZodType).inner, optional: true };
  return { inner: schema, optional: false };
}

/**
 * The same schema, refusing unknown members at every depth (`unrecognized_keys`, which the edges
 * report as `unknown_field`). Used for values a patch replaces whole: array items, scalars.
 */
export function strictDeep(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strictDeep(v)]),
    );
    return rebuild(schema, { shape, catchall: z.never() });
  }
  if (schema instanceof z.ZodArray) return rebuild(schema, { element: strictDeep(schema.element as z.ZodType) });
  if (schema instanceof z.ZodUnion)
    return rebuild(schema, { options: (schema.options as z.ZodType[]).map(strictDeep) });
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable)
    return rebuild(schema, { innerType: strictDeep(schema.unwrap() as z.ZodType) });
  return schema;
}

/** A member of a patch: absent (unchanged), `null` if the member is optional (removed), or its patch. */
function memberPatch(member: z.ZodType): z.ZodType {
  const { inner, optional } = unwrapOptional(member);
  return withPresence(valuePatch(inner), optional);
}
const withPresence = (patch: z.ZodType, removable: boolean) => (removable ? patch.nullable() : patch).optional();

/** Objects are patched member by member; a union of objects takes any member of any of its variants. */
function valuePatch(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return objectPatch(schema.shape);
  const options = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]) : [];
  const objects = options.filter((o): o is z.ZodObject<Shape> => o instanceof z.ZodObject);
  if (objects.length > 0 && objects.length === options.length) {
    const members: Record<string, { inner: z.ZodType; optional: boolean }[]> = {};
    for (const option of objects)
      for (const [key, member] of Object.entries(option.shape)) (members[key] ??= []).push(unwrapOptional(member));
    const shape = Object.fromEntries(
      Object.entries(members).map(([key, variants]) => {
        const patches = variants.map((v) => valuePatch(v.inner));
        // Removable when some variant may lack it: `{"kind":"everyone","themes":null}` is a valid switch.
        const removable = variants.length < options.length || variants.some((v) => v.optional);
        return [key, withPresence(patches.length === 1 ? patches[0]! : z.union(patches), removable)];
      }),
    );
    return z.strictObject(shape);
  }
  return strictDeep(schema);
}

const objectPatch = (shape: Record<string, z.ZodType>) =>
  z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, memberPatch(member)])));

/**
 * The schema of a JSON Merge Patch of `input`'s objects: every member optional, optional members
 * nullable, nested objects patched member by member, arrays and scalars replaced whole, unknown
 * members refused at every depth. Cross-field rules are not checked here: the merged whole is
 * validated with `input` itself.
 */
export function mergePatchSchema<S extends z.ZodObject>(input: S): z.ZodType<Record<string, unknown>> {
  return objectPatch(input.shape);
}
