import os
import sqlite3
import sys

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "todo.db")


def conn():
    c = sqlite3.connect(DB)
    c.execute("CREATE TABLE IF NOT EXISTS todo (id INTEGER PRIMARY KEY, text TEXT, done INTEGER DEFAULT 0)")
    return c


def main(argv):
    c = conn()
    if argv[0] == "add":
        c.execute("INSERT INTO todo (text) VALUES (?)", (" ".join(argv[1:]),))
    elif argv[0] == "done":
        c.execute("UPDATE todo SET done = 1 WHERE id = ?", (int(argv[1]),))
    else:
        for i, text, done in c.execute("SELECT id, text, done FROM todo ORDER BY id"):
            print(f"{i:3} [{'x' if done else ' '}] {text}")
    c.commit()


if __name__ == "__main__":
    main(sys.argv[1:] or ["list"])
