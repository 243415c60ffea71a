-- ---------------------------------------------------------------------------------------------
-- Written by hand (ADR 0057): a second full-text index over SearchDocument, of the titles alone.
-- A search whose words are common (more matches than the rank reads, app/modules/search) lists the
-- documents with those words in their title first, newest first: from this index, that costs what
-- the title hits cost, however many documents mention the words elsewhere. Same tokenizer and the
-- same external content as "SearchDocumentFts" (20261202183922_search_index).
-- SearchDocument's triggers below keep it in step. A later migration that redefines SearchDocument
-- drops them with it: copy them back in that migration (search.server.test.ts lists them).
-- ---------------------------------------------------------------------------------------------
CREATE VIRTUAL TABLE "SearchTitleFts" USING fts5(
    title,
    content = 'SearchDocument', content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER "SearchDocument_title_fts_insert" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchTitleFts" (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER "SearchDocument_title_fts_delete" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchTitleFts" ("SearchTitleFts", rowid, title) VALUES ('delete', old.id, old.title);
END;
-- only a new title changes this index (a request's state or keywords do not)
CREATE TRIGGER "SearchDocument_title_fts_update" AFTER UPDATE OF "title" ON "SearchDocument" BEGIN
    INSERT INTO "SearchTitleFts" ("SearchTitleFts", rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO "SearchTitleFts" (rowid, title) VALUES (new.id, new.title);
END;

-- the documents that exist before this migration
INSERT INTO "SearchTitleFts" ("SearchTitleFts") VALUES ('rebuild');
