-- Written by hand (ADR 0058): FTS5's `merge` command merges the segments of a level once it holds
-- `usermerge` of them (4 by default). At 2, the search index upkeep (app/modules/search/index-upkeep.server.ts)
-- keeps each index to about one segment per level: a search looks every word up in each segment.
INSERT INTO "SearchDocumentFts" ("SearchDocumentFts", rank) VALUES ('usermerge', 2);
INSERT INTO "SearchTitleFts" ("SearchTitleFts", rank) VALUES ('usermerge', 2);
