-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "organizationId" TEXT,
    "requestId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SearchDocument_organizationId_idx" ON "SearchDocument"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SearchDocument_kind_recordId_key" ON "SearchDocument"("kind", "recordId");


-- ---------------------------------------------------------------------------------------------
-- Written by hand (docs/decisions/0008-search-index.md): the full-text index over SearchDocument
-- and the triggers that keep both in step with the records. Prisma's schema knows only the table
-- above. A later migration that redefines one of the source tables (Prisma's "RedefineTables":
-- new table, copy, drop, rename) drops that table's triggers with it: copy them back in that
-- migration — `app/modules/search/search-index.server.test.ts` fails while one is missing.
-- ---------------------------------------------------------------------------------------------

-- FTS5 with the trigram tokenizer: any 3-character substring matches (Korean has no spaces between
-- the parts of a compound word, so word tokenizers miss most Korean searches). External content:
-- the text lives once, in SearchDocument; the index refers to its integer id.
CREATE VIRTUAL TABLE "SearchDocumentFts" USING fts5(
    title, body, keywords,
    content = 'SearchDocument', content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER "SearchDocument_fts_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchDocumentFts" (rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords);
END;
CREATE TRIGGER "SearchDocument_fts_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchDocumentFts" ("SearchDocumentFts", rowid, title, body, keywords) VALUES ('delete', old.id, old.title, old.body, old.keywords);
END;
CREATE TRIGGER "SearchDocument_fts_update" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "SearchDocumentFts" ("SearchDocumentFts", rowid, title, body, keywords) VALUES ('delete', old.id, old.title, old.body, old.keywords);
    INSERT INTO "SearchDocumentFts" (rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords);
END;

-- Requests: title, problem statement; reference number and ministry names as keywords.
CREATE TRIGGER "DemandRequest_search_insert" AFTER INSERT ON "DemandRequest" BEGIN
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    VALUES ('request', new."id", new."organizationId", new."id", COALESCE(new."title", ''), COALESCE(new."problemStatement", ''),
        COALESCE(new."reference", '') || ' ' || COALESCE((SELECT o."nameKo" || ' ' || o."nameEn" || ' ' || o."code" FROM "Organization" o WHERE o."id" = new."organizationId"), ''),
        new."updatedAt");
END;
CREATE TRIGGER "DemandRequest_search_update" AFTER UPDATE OF "title", "problemStatement", "reference", "organizationId" ON "DemandRequest" BEGIN
    UPDATE "SearchDocument" SET
        "organizationId" = new."organizationId",
        "title" = COALESCE(new."title", ''),
        "body" = COALESCE(new."problemStatement", ''),
        "keywords" = COALESCE(new."reference", '') || ' ' || COALESCE((SELECT o."nameKo" || ' ' || o."nameEn" || ' ' || o."code" FROM "Organization" o WHERE o."id" = new."organizationId"), ''),
        "updatedAt" = new."updatedAt"
    WHERE "kind" = 'request' AND "recordId" = new."id";
END;
CREATE TRIGGER "DemandRequest_search_delete" AFTER DELETE ON "DemandRequest" BEGIN
    DELETE FROM "SearchDocument" WHERE "kind" = 'request' AND "recordId" = old."id";
END;

-- A ministry's new name reaches its requests' keywords.
CREATE TRIGGER "Organization_search_update" AFTER UPDATE OF "nameKo", "nameEn", "code" ON "Organization" BEGIN
    UPDATE "SearchDocument" SET "keywords" =
        COALESCE((SELECT r."reference" FROM "DemandRequest" r WHERE r."id" = "SearchDocument"."recordId"), '') || ' ' || new."nameKo" || ' ' || new."nameEn" || ' ' || new."code"
    WHERE "kind" = 'request' AND "organizationId" = new."id";
END;

-- Meetings: no ministry's data (organizationId NULL), so ministry officers never find them.
CREATE TRIGGER "Meeting_search_insert" AFTER INSERT ON "Meeting" BEGIN
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    VALUES ('meeting', new."id", NULL, NULL, new."title", new."place", '제' || new."number" || '회 ' || new."date", new."updatedAt");
END;
CREATE TRIGGER "Meeting_search_update" AFTER UPDATE OF "title", "place", "number", "date" ON "Meeting" BEGIN
    UPDATE "SearchDocument" SET "title" = new."title", "body" = new."place", "keywords" = '제' || new."number" || '회 ' || new."date", "updatedAt" = new."updatedAt"
    WHERE "kind" = 'meeting' AND "recordId" = new."id";
END;
CREATE TRIGGER "Meeting_search_delete" AFTER DELETE ON "Meeting" BEGIN
    DELETE FROM "SearchDocument" WHERE "kind" = 'meeting' AND "recordId" = old."id";
END;

-- Conditions: the ministry of their request; the request's reference and title as keywords.
CREATE TRIGGER "Condition_search_insert" AFTER INSERT ON "Condition" BEGIN
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    SELECT 'condition', new."id", r."organizationId", r."id", new."text", COALESCE(new."evidenceNote", ''),
        COALESCE(r."reference", '') || ' ' || COALESCE(r."title", ''), new."createdAt"
    FROM "DemandRequest" r WHERE r."id" = new."requestId";
END;
CREATE TRIGGER "Condition_search_update" AFTER UPDATE OF "text", "evidenceNote" ON "Condition" BEGIN
    UPDATE "SearchDocument" SET "title" = new."text", "body" = COALESCE(new."evidenceNote", '')
    WHERE "kind" = 'condition' AND "recordId" = new."id";
END;
CREATE TRIGGER "Condition_search_delete" AFTER DELETE ON "Condition" BEGIN
    DELETE FROM "SearchDocument" WHERE "kind" = 'condition' AND "recordId" = old."id";
END;

-- Records that exist before this migration (the index triggers above fill the FTS table).
INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
SELECT 'request', r."id", r."organizationId", r."id", COALESCE(r."title", ''), COALESCE(r."problemStatement", ''),
    COALESCE(r."reference", '') || ' ' || o."nameKo" || ' ' || o."nameEn" || ' ' || o."code", r."updatedAt"
FROM "DemandRequest" r JOIN "Organization" o ON o."id" = r."organizationId";
INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
SELECT 'meeting', m."id", NULL, NULL, m."title", m."place", '제' || m."number" || '회 ' || m."date", m."updatedAt" FROM "Meeting" m;
INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
SELECT 'condition', c."id", r."organizationId", r."id", c."text", COALESCE(c."evidenceNote", ''),
    COALESCE(r."reference", '') || ' ' || COALESCE(r."title", ''), c."createdAt"
FROM "Condition" c JOIN "DemandRequest" r ON r."id" = c."requestId";
