-- Full-text index of the knowledge base (rowid = knowledge_entries.id). Text is folded in the
-- application (ł, ø, æ ... -> ASCII) like message_search; columns are weighted when ranking.
CREATE VIRTUAL TABLE `knowledge_search` USING fts5(shortcut, title, body, tags, tokenize = 'unicode61 remove_diacritics 2');
