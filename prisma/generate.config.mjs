// The config of `prisma generate` on Prisma 7's CLI (scripts/prisma-generate.mjs, ADR 0046): the
// schema is given on the command line, and generating connects to no database. prisma.config.ts is
// 6.19's, for migrations.
export default {};
