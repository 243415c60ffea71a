-- Written by hand (docs/decisions/0011-search-index.md, section PostgreSQL, and ADR 0024): the
-- PostgreSQL form of the search_index and search_meeting_triggers migrations of the SQLite track.
-- The table SearchDocument comes from the init migration. Here: trigram indexes (pg_trgm) that serve
-- ILIKE with a pattern for terms of 3+ characters, and the triggers that keep the table in step with
-- the records. app/modules/search/search.server.test.ts lists them and fails while one is missing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "SearchDocument_title_trgm_idx" ON "SearchDocument" USING gin ("title" gin_trgm_ops);
CREATE INDEX "SearchDocument_body_trgm_idx" ON "SearchDocument" USING gin ("body" gin_trgm_ops);
CREATE INDEX "SearchDocument_keywords_trgm_idx" ON "SearchDocument" USING gin ("keywords" gin_trgm_ops);

-- Requests: title, problem statement, with reference number and ministry names as keywords.
CREATE FUNCTION "search_request_keywords"(reference TEXT, organization_id TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT COALESCE(reference, '') || ' ' || COALESCE((SELECT o."nameKo" || ' ' || o."nameEn" || ' ' || o."code" FROM "Organization" o WHERE o."id" = organization_id), '')
$$;

CREATE FUNCTION "DemandRequest_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchDocument" WHERE "kind" = 'request' AND "recordId" = OLD."id";
        RETURN OLD;
    END IF;
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    VALUES ('request', NEW."id", NEW."organizationId", NEW."id", COALESCE(NEW."title", ''), COALESCE(NEW."problemStatement", ''),
        "search_request_keywords"(NEW."reference", NEW."organizationId"), NEW."updatedAt")
    ON CONFLICT ("kind", "recordId") DO UPDATE SET
        "organizationId" = EXCLUDED."organizationId", "title" = EXCLUDED."title", "body" = EXCLUDED."body",
        "keywords" = EXCLUDED."keywords", "updatedAt" = EXCLUDED."updatedAt";
    RETURN NEW;
END $$;
CREATE TRIGGER "DemandRequest_search_insert" AFTER INSERT ON "DemandRequest" FOR EACH ROW EXECUTE FUNCTION "DemandRequest_search"();
CREATE TRIGGER "DemandRequest_search_update" AFTER UPDATE OF "title", "problemStatement", "reference", "organizationId" ON "DemandRequest" FOR EACH ROW EXECUTE FUNCTION "DemandRequest_search"();
CREATE TRIGGER "DemandRequest_search_delete" AFTER DELETE ON "DemandRequest" FOR EACH ROW EXECUTE FUNCTION "DemandRequest_search"();

-- A new name of a ministry reaches the keywords of its requests.
CREATE FUNCTION "Organization_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "SearchDocument" d SET "keywords" =
        COALESCE((SELECT r."reference" FROM "DemandRequest" r WHERE r."id" = d."recordId"), '') || ' ' || NEW."nameKo" || ' ' || NEW."nameEn" || ' ' || NEW."code"
    WHERE d."kind" = 'request' AND d."organizationId" = NEW."id";
    RETURN NEW;
END $$;
CREATE TRIGGER "Organization_search_update" AFTER UPDATE OF "nameKo", "nameEn", "code" ON "Organization" FOR EACH ROW EXECUTE FUNCTION "Organization_search"();

-- Meetings: no data of a ministry (organizationId NULL), so ministry officers never find them.
CREATE FUNCTION "Meeting_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchDocument" WHERE "kind" = 'meeting' AND "recordId" = OLD."id";
        RETURN OLD;
    END IF;
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    VALUES ('meeting', NEW."id", NULL, NULL, NEW."title", NEW."place", '제' || NEW."number" || '회 ' || NEW."date", NEW."updatedAt")
    ON CONFLICT ("kind", "recordId") DO UPDATE SET
        "title" = EXCLUDED."title", "body" = EXCLUDED."body", "keywords" = EXCLUDED."keywords", "updatedAt" = EXCLUDED."updatedAt";
    RETURN NEW;
END $$;
CREATE TRIGGER "Meeting_search_insert" AFTER INSERT ON "Meeting" FOR EACH ROW EXECUTE FUNCTION "Meeting_search"();
CREATE TRIGGER "Meeting_search_update" AFTER UPDATE OF "title", "place", "number", "date" ON "Meeting" FOR EACH ROW EXECUTE FUNCTION "Meeting_search"();
CREATE TRIGGER "Meeting_search_delete" AFTER DELETE ON "Meeting" FOR EACH ROW EXECUTE FUNCTION "Meeting_search"();

-- Conditions: the ministry of their request, with reference and title of the request as keywords.
CREATE FUNCTION "Condition_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "SearchDocument" WHERE "kind" = 'condition' AND "recordId" = OLD."id";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        UPDATE "SearchDocument" SET "title" = NEW."text", "body" = COALESCE(NEW."evidenceNote", '')
        WHERE "kind" = 'condition' AND "recordId" = NEW."id";
        RETURN NEW;
    END IF;
    INSERT INTO "SearchDocument" ("kind", "recordId", "organizationId", "requestId", "title", "body", "keywords", "updatedAt")
    SELECT 'condition', NEW."id", r."organizationId", r."id", NEW."text", COALESCE(NEW."evidenceNote", ''),
        COALESCE(r."reference", '') || ' ' || COALESCE(r."title", ''), NEW."createdAt"
    FROM "DemandRequest" r WHERE r."id" = NEW."requestId";
    RETURN NEW;
END $$;
CREATE TRIGGER "Condition_search_insert" AFTER INSERT ON "Condition" FOR EACH ROW EXECUTE FUNCTION "Condition_search"();
CREATE TRIGGER "Condition_search_update" AFTER UPDATE OF "text", "evidenceNote" ON "Condition" FOR EACH ROW EXECUTE FUNCTION "Condition_search"();
CREATE TRIGGER "Condition_search_delete" AFTER DELETE ON "Condition" FOR EACH ROW EXECUTE FUNCTION "Condition_search"();
