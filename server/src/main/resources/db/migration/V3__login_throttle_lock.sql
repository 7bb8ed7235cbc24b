-- Lock stripes for the login throttle. A sign-in locks the stripes of its username and of its client address
-- (hashed, 64 stripes, always in ascending order) before it counts the failures in the window and reserves its
-- attempt as a login_failure row, so concurrent guesses on any number of API nodes are counted one after another
-- and at most the limit are evaluated. A fixed set of rows: nothing to create per username or to clean up.
CREATE TABLE login_throttle_lock (
    stripe INT NOT NULL PRIMARY KEY
);
INSERT INTO login_throttle_lock (stripe) VALUES
    (0), (1), (2), (3), (4), (5), (6), (7),
    (8), (9), (10), (11), (12), (13), (14), (15),
    (16), (17), (18), (19), (20), (21), (22), (23),
    (24), (25), (26), (27), (28), (29), (30), (31),
    (32), (33), (34), (35), (36), (37), (38), (39),
    (40), (41), (42), (43), (44), (45), (46), (47),
    (48), (49), (50), (51), (52), (53), (54), (55),
    (56), (57), (58), (59), (60), (61), (62), (63);
