-- SQL-standard bodies (PostgreSQL 14+): semicolons up to the matching END belong to the body.
CREATE FUNCTION grade(score int) RETURNS text
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
  SELECT CASE
    WHEN score >= 90 THEN 'A; top'
    WHEN score >= 50 THEN CASE WHEN score >= 75 THEN 'B' ELSE 'C' END
    ELSE 'F'
  END;
END;

CREATE PROCEDURE record_grade(who text, score int)
LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO grades (who, grade) VALUES (who, grade(score));
  UPDATE stats SET total = total + 1 /* ; */;
END;

CALL record_grade('ann', 91);
