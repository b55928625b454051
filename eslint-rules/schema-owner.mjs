/**
 * A feature queries only the tables it owns: a value import of a schema entity (what
 * `manager.find(XEntity, …)`, `getRepository(XEntity)` and the query builder need) is allowed only
 * in the folder that owns that schema file (SCHEMA_OWNERS in eslint.boundaries.mjs). Another
 * feature reads through the owner's query class and may import the row's type (`import type`),
 * which cannot query anything. Importing entities through the schema's barrel is refused, so every
 * import names the file, and so its owner.
 */
import * as path from 'node:path';

const SCHEMA_DIR = path.join('backend', 'src', 'infrastructure', 'database', 'schema');

/** @type {import('eslint').Rule.RuleModule} */
export const schemaOwnerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'a feature imports only the schema entities of the tables it owns' },
    schema: [{ type: 'object', properties: { owners: { type: 'object' }, exempt: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      notOwner: 'Feature "{{feature}}" imports {{names}} from schema/{{file}}, which feature "{{owner}}" owns: read through its query class or react to its domain events (import type for the row shape).',
      barrel: 'Import schema entities from their own file (schema/<aggregate>), not from the schema barrel, so the owner is known.',
      unknown: 'schema/{{file}} has no owner in SCHEMA_OWNERS (eslint.boundaries.mjs): add one.',
    },
  },
  create(context) {
    const { owners = {}, exempt = [] } = context.options[0] ?? {};
    const file = path.relative(context.cwd, context.filename);
    const parts = file.split(path.sep);
    if (parts[0] !== 'backend' || parts[1] !== 'src' || parts.length < 4) return {};
    const feature = parts[2];
    if (exempt.includes(feature)) return {};
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type' || typeof node.source.value !== 'string' || !node.source.value.startsWith('.')) return;
        const target = path.relative(context.cwd, path.resolve(path.dirname(context.filename), node.source.value));
        if (target !== SCHEMA_DIR && path.dirname(target) !== SCHEMA_DIR) return;
        const values = node.specifiers.filter((s) => s.type !== 'ImportSpecifier' || s.importKind !== 'type');
        if (values.length === 0) return;
        const schemaFile = target === SCHEMA_DIR ? 'index' : path.basename(target).replace(/\.(ts|js)$/, '');
        if (schemaFile === 'index') return context.report({ node, messageId: 'barrel' });
        if (!(schemaFile in owners)) return context.report({ node, messageId: 'unknown', data: { file: schemaFile } });
        const owner = owners[schemaFile];
        if (owner === null || owner === feature) return;
        context.report({ node, messageId: 'notOwner', data: { feature, file: schemaFile, owner, names: values.map((s) => s.local.name).join(', ') } });
      },
    };
  },
};
