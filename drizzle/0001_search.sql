-- Full-text search. Text is folded in the application (ł, ø, æ, ß ... -> ASCII) before it is
-- written or queried, because unicode61 folds only combining diacritics.
CREATE VIRTUAL TABLE `message_search` USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `conversation_search` USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
