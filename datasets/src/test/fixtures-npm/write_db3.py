#!/usr/bin/python3
"""Writes a rosbag2 sqlite3 storage file (test helper of the datasets module) with Python's own sqlite3 module.

Usage: write_db3.py OUT.db3 CDR_DIR [--no-messages-table]

CDR_DIR holds manifest.json and the CDR bytes of each message, as write_rosbag2.mjs writes them. The schema is the
one rosbag2's sqlite3 storage plugin creates (topics, messages, its timestamp index and the schema version table).
"""
import argparse
import json
import sqlite3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('cdr_dir')
    ap.add_argument('--no-messages-table', action='store_true')
    a = ap.parse_args()
    with open(a.cdr_dir + '/manifest.json') as f:
        manifest = json.load(f)
    db = sqlite3.connect(a.out)
    db.execute('CREATE TABLE schema(schema_version INTEGER PRIMARY KEY, ros_distro TEXT NOT NULL)')
    db.execute("INSERT INTO schema VALUES (3, 'humble')")
    db.execute('CREATE TABLE metadata(id INTEGER PRIMARY KEY, metadata_version INTEGER NOT NULL, '
               'metadata TEXT NOT NULL)')
    db.execute('CREATE TABLE topics(id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, '
               'serialization_format TEXT NOT NULL, offered_qos_profiles TEXT NOT NULL)')
    if not a.no_messages_table:
        db.execute('CREATE TABLE messages(id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL, '
                   'timestamp INTEGER NOT NULL, data BLOB NOT NULL)')
        db.execute('CREATE INDEX timestamp_idx ON messages (timestamp ASC)')
    topics = {}
    for m in manifest:
        if m['topic'] not in topics:
            topics[m['topic']] = len(topics) + 1
            db.execute('INSERT INTO topics VALUES (?, ?, ?, ?, ?)', (topics[m['topic']], m['topic'], m['type'],
                                                                      'cdr', ''))
        if not a.no_messages_table:
            with open(m['file'], 'rb') as f:
                data = f.read()
            db.execute('INSERT INTO messages(topic_id, timestamp, data) VALUES (?, ?, ?)',
                       (topics[m['topic']], int(m['logTime']), data))
    db.commit()
    db.close()
    print('wrote', a.out)


if __name__ == '__main__':
    main()
