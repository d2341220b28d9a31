DROP TABLE passes;
