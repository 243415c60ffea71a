-- 20261202192323_meeting_corrections rebuilt the Meeting table (SQLite ALTER by copy), which drops
-- its triggers: put the search index triggers of meetings back (see 20261202183922_search_index).
DROP TRIGGER IF EXISTS "Meeting_search_insert";
DROP TRIGGER IF EXISTS "Meeting_search_update";
DROP TRIGGER IF EXISTS "Meeting_search_delete";
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

