namespace Graph.Store.Sqlite;

/// <summary>
/// The database layout. <c>PRAGMA user_version</c> records which of <see cref="Migrations"/> ran, so a later
/// version appends a step instead of editing this one. Dates are ISO 8601 text (UTC), so text order is time order.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT,
            url TEXT,
            source TEXT,
            published_at TEXT,
            content_hash TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published_at);

        -- evidence_count is kept by the triggers below: ranking actors must not count evidence per query.
        CREATE TABLE actors (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            codes TEXT NOT NULL DEFAULT '{}',
            evidence_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX actors_id_nocase ON actors(id COLLATE NOCASE);
        CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
        CREATE INDEX actors_ranked ON actors(evidence_count DESC, name);

        CREATE TABLE actor_aliases (
            actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL COLLATE NOCASE,
            UNIQUE (actor_id, alias)
        );
        CREATE INDEX actor_aliases_alias ON actor_aliases(alias);

        -- No foreign key on affiliated_id: an article may name Putin's country without Russia acting in it.
        CREATE TABLE affiliations (
            actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            affiliated_id TEXT NOT NULL,
            role TEXT NOT NULL,
            from_day TEXT,
            until_day TEXT
        );
        -- NULLs are distinct in a plain UNIQUE constraint; open-ended dates must still count as one affiliation.
        CREATE UNIQUE INDEX affiliations_unique ON affiliations(actor_id, affiliated_id, role, ifnull(from_day, ''), ifnull(until_day, ''));

        -- Clustered by (source, target, type): a stance reads one contiguous run of rows, and evidence_target (which
        -- carries the key too) covers counting distinct relationships. The article's date, title and url
        -- are copied in (an article's evidence is rewritten whenever the article is), so reads need no join.
        CREATE TABLE evidence (
            id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES actors(id),
            target TEXT NOT NULL REFERENCES actors(id),
            type TEXT NOT NULL,
            polarity INTEGER NOT NULL,
            score REAL NOT NULL,
            confidence REAL NOT NULL,
            modality TEXT NOT NULL,
            sentence TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            said_by TEXT,
            event_date TEXT,
            day TEXT,
            published_at TEXT,
            article_title TEXT,
            article_url TEXT,
            extractor_version TEXT NOT NULL,
            PRIMARY KEY (source, target, type, id)
        ) WITHOUT ROWID;
        CREATE INDEX evidence_target ON evidence(target, source);
        CREATE INDEX evidence_article ON evidence(article_id);
        CREATE INDEX evidence_day ON evidence(day);

        CREATE TRIGGER evidence_counted AFTER INSERT ON evidence BEGIN
            UPDATE actors SET evidence_count = evidence_count + 1 WHERE id IN (new.source, new.target);
        END;
        CREATE TRIGGER evidence_uncounted AFTER DELETE ON evidence BEGIN
            UPDATE actors SET evidence_count = evidence_count - 1 WHERE id IN (old.source, old.target);
        END;
        """,
        """
        -- Evidence summed per relationship and modality, kept by the triggers below, so that stances, rankings and graph
        -- views over the whole time range read a handful of rows instead of every sentence. Modality and polarity are
        -- part of the key because filters select on them; date-ranged questions read evidence_days instead.
        CREATE TABLE relationship_totals (
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            type TEXT NOT NULL,
            modality TEXT NOT NULL,
            polarity INTEGER NOT NULL,
            n INTEGER NOT NULL,
            confidence_sum REAL NOT NULL,
            weighted_sum REAL NOT NULL,
            first_day TEXT,
            last_day TEXT,
            PRIMARY KEY (source, target, type, modality, polarity)
        ) WITHOUT ROWID;
        CREATE INDEX relationship_totals_target ON relationship_totals(target, source);
        INSERT INTO relationship_totals
            SELECT source, target, type, modality, polarity, count(*), sum(confidence), sum(score * confidence), min(day), max(day)
            FROM evidence GROUP BY source, target, type, modality, polarity;

        CREATE TRIGGER evidence_totalled AFTER INSERT ON evidence BEGIN
            INSERT INTO relationship_totals VALUES
                (new.source, new.target, new.type, new.modality, new.polarity, 1, new.confidence, new.score * new.confidence, new.day, new.day)
            ON CONFLICT DO UPDATE SET
                n = n + 1,
                confidence_sum = confidence_sum + excluded.confidence_sum,
                weighted_sum = weighted_sum + excluded.weighted_sum,
                first_day = min(coalesce(first_day, excluded.first_day), coalesce(excluded.first_day, first_day)),
                last_day = max(coalesce(last_day, excluded.last_day), coalesce(excluded.last_day, last_day));
        END;
        CREATE TRIGGER evidence_untotalled AFTER DELETE ON evidence BEGIN
            UPDATE relationship_totals SET
                n = n - 1, confidence_sum = confidence_sum - old.confidence, weighted_sum = weighted_sum - old.score * old.confidence
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity;
            DELETE FROM relationship_totals
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity AND n <= 0;
            -- Only when the deleted row held an end of the range does the range have to be looked up again.
            UPDATE relationship_totals SET
                first_day = (SELECT min(day) FROM evidence e WHERE e.source = old.source AND e.target = old.target AND e.type = old.type AND e.modality = old.modality AND e.polarity = old.polarity),
                last_day = (SELECT max(day) FROM evidence e WHERE e.source = old.source AND e.target = old.target AND e.type = old.type AND e.modality = old.modality AND e.polarity = old.polarity)
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity
              AND (old.day = first_day OR old.day = last_day);
        END;

        -- Date-ranged and per-day totals: the columns they read, in (pair, day) order, without the wide sentence rows.
        CREATE INDEX evidence_days ON evidence(source, target, day, modality, type, polarity, confidence, score);
        -- A stance's strongest evidence straight from the index, in the order it is shown.
        CREATE INDEX evidence_strongest ON evidence(source, target, abs(score) * confidence DESC, published_at DESC, article_id, start_offset, type, modality);
        -- Who speaks for an actor: the reverse of an actor's affiliations.
        CREATE INDEX affiliations_affiliated ON affiliations(affiliated_id);
        """,
        """
        -- One relationship's strongest evidence (its type fixed too): with only evidence_strongest the planner takes the
        -- primary key, which also fixes the type, and sorts every row of the relationship.
        CREATE INDEX evidence_strongest_of_type ON evidence(source, target, type, abs(score) * confidence DESC, published_at DESC, article_id, start_offset, modality);
        """,
        """
        -- Article search by word instead of a LIKE scan of every text. External content: the index holds only tokens and
        -- reads title and text back from articles by rowid, so the text is not stored twice. unicode61 with
        -- remove_diacritics 2 folds case and accents ("Erdogan" finds "Erdoğan"). The triggers keep it in step with
        -- every write; 'rebuild' fills it from the articles already stored. A VACUUM may renumber the rowids of
        -- articles (its key is text), after which the index must be rebuilt the same way.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

        CREATE TRIGGER articles_fts_inserted AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        -- An external-content index deletes by the old values, which must be the ones it was given.
        CREATE TRIGGER articles_fts_deleted AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_updated AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
        """
        -- The same text under another name is a duplicate: ingestion looks it up by its hash before storing it twice.
        CREATE INDEX articles_content_hash ON articles(content_hash);
        """,
        """
        -- How many articles each total's evidence comes from: a stance weighs a second sentence of the same article less
        -- than a second article. An inserted row adds an article when no other row of its total comes from it; a
        -- deleted one takes it away when none is left (both looked up through evidence_article, an article's few rows).
        ALTER TABLE relationship_totals ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
        UPDATE relationship_totals SET articles = (
            SELECT count(DISTINCT e.article_id) FROM evidence e
            WHERE e.source = relationship_totals.source AND e.target = relationship_totals.target AND e.type = relationship_totals.type
              AND e.modality = relationship_totals.modality AND e.polarity = relationship_totals.polarity);

        DROP TRIGGER IF EXISTS evidence_totalled;
        CREATE TRIGGER evidence_totalled AFTER INSERT ON evidence BEGIN
            INSERT INTO relationship_totals VALUES
                (new.source, new.target, new.type, new.modality, new.polarity, 1, new.confidence, new.score * new.confidence, new.day, new.day, 1)
            ON CONFLICT DO UPDATE SET
                n = n + 1,
                confidence_sum = confidence_sum + excluded.confidence_sum,
                weighted_sum = weighted_sum + excluded.weighted_sum,
                first_day = min(coalesce(first_day, excluded.first_day), coalesce(excluded.first_day, first_day)),
                last_day = max(coalesce(last_day, excluded.last_day), coalesce(excluded.last_day, last_day)),
                articles = articles + NOT EXISTS (
                    SELECT 1 FROM evidence e INDEXED BY evidence_article
                    WHERE e.article_id = new.article_id AND e.source = new.source AND e.target = new.target AND e.type = new.type
                      AND e.modality = new.modality AND e.polarity = new.polarity AND e.id <> new.id);
        END;

        DROP TRIGGER IF EXISTS evidence_untotalled;
        CREATE TRIGGER evidence_untotalled AFTER DELETE ON evidence BEGIN
            UPDATE relationship_totals SET
                n = n - 1, confidence_sum = confidence_sum - old.confidence, weighted_sum = weighted_sum - old.score * old.confidence,
                articles = articles - NOT EXISTS (
                    SELECT 1 FROM evidence e INDEXED BY evidence_article
                    WHERE e.article_id = old.article_id AND e.source = old.source AND e.target = old.target AND e.type = old.type
                      AND e.modality = old.modality AND e.polarity = old.polarity)
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity;
            DELETE FROM relationship_totals
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity AND n <= 0;
            -- Only when the deleted row held an end of the range does the range have to be looked up again.
            UPDATE relationship_totals SET
                first_day = (SELECT min(day) FROM evidence e WHERE e.source = old.source AND e.target = old.target AND e.type = old.type AND e.modality = old.modality AND e.polarity = old.polarity),
                last_day = (SELECT max(day) FROM evidence e WHERE e.source = old.source AND e.target = old.target AND e.type = old.type AND e.modality = old.modality AND e.polarity = old.polarity)
            WHERE source = old.source AND target = old.target AND type = old.type AND modality = old.modality AND polarity = old.polarity
              AND (old.day = first_day OR old.day = last_day);
        END;

        -- Date-ranged totals count articles too, still from the index alone.
        DROP INDEX IF EXISTS evidence_days;
        CREATE INDEX evidence_days ON evidence(source, target, day, modality, type, polarity, confidence, score, article_id);
        """,
    ];

    public static long Version => Migrations.Length;
}
