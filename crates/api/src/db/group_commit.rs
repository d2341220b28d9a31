//! SQLite has one writer, and each commit waits for the disk (`synchronous = FULL`). One writer
//! thread therefore runs the write transactions that queue up meanwhile as savepoints of one
//! transaction and commits them together: a commit's wait is shared, and every caller is still
//! answered only after its work is durable. A failing job rolls back to its own savepoint and
//! leaves the others untouched.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::{QueryResult, SqliteConnection};

use super::connection::Manager;
use super::DbConn;
use crate::error::ApiError;

/// Jobs committed together at most; bounds how long the first of them waits.
const MAX_BATCH: usize = 64;

/// Runs against the connection (or learns that no transaction could start) and answers whether
/// its work may be kept, and how to tell its caller once the commit is known.
type Job = Box<dyn FnOnce(Option<&mut DbConn>) -> (bool, Deliver) + Send>;
type Deliver = Box<dyn FnOnce(Result<(), String>) + Send>;

#[derive(Clone)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer thread on a connection of its own.
    pub fn start(manager: &Manager) -> anyhow::Result<Self> {
        let mut conn = manager.open()?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match queue.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    commit_together(&mut conn, batch);
                }
            })?;
        Ok(Self { jobs })
    }

    /// Runs `work` in the next group and blocks until it is committed (or refused).
    pub fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (answer, answered) = mpsc::sync_channel::<Result<T, ApiError>>(1);
        let job: Job = Box::new(move |conn| {
            let outcome = match conn {
                Some(conn) => work(conn),
                None => Err(ApiError::internal(anyhow::anyhow!("no write transaction"))),
            };
            let keep = outcome.is_ok();
            let deliver: Deliver = Box::new(move |committed| {
                let answer_now = match committed {
                    Ok(()) => outcome,
                    Err(reason) => outcome.and(Err(ApiError::internal(anyhow::anyhow!(reason)))),
                };
                let _ = answer.send(answer_now);
            });
            (keep, deliver)
        });
        self.jobs
            .send(job)
            .map_err(|_| ApiError::internal(anyhow::anyhow!("the SQLite writer stopped")))?;
        answered
            .recv()
            .map_err(|_| ApiError::internal(anyhow::anyhow!("a write failed unexpectedly")))?
    }
}

fn commit_together(conn: &mut DbConn, batch: Vec<Job>) {
    if let Err(err) = on_sqlite(conn, |c| {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
    }) {
        for job in batch {
            job(None).1(Err(err.to_string()));
        }
        return;
    }
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch {
        // A savepoint per job: the manager nests it inside the open transaction.
        if let Err(err) = on_sqlite(conn, AnsiTransactionManager::begin_transaction) {
            tracing::warn!(error = %err, "could not open a savepoint");
            answers.push(job(None).1);
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| job(Some(&mut *conn)))) {
            Ok((keep, deliver)) => {
                let closed = if keep {
                    on_sqlite(conn, AnsiTransactionManager::commit_transaction)
                } else {
                    on_sqlite(conn, AnsiTransactionManager::rollback_transaction)
                };
                match closed {
                    Ok(()) => answers.push(deliver),
                    Err(err) => deliver(Err(err.to_string())),
                }
            }
            // The panicking job's caller sees its answer channel close; the others go on.
            Err(_) => {
                let _ = on_sqlite(conn, AnsiTransactionManager::rollback_transaction);
            }
        }
    }
    let committed =
        on_sqlite(conn, AnsiTransactionManager::commit_transaction).map_err(|e| e.to_string());
    if committed.is_err() {
        let _ = on_sqlite(conn, AnsiTransactionManager::rollback_transaction);
    }
    for deliver in answers {
        deliver(committed.clone());
    }
}

fn on_sqlite<R>(
    conn: &mut DbConn,
    step: impl FnOnce(&mut SqliteConnection) -> QueryResult<R>,
) -> QueryResult<R> {
    match conn {
        DbConn::Sqlite(c) => step(c),
        DbConn::Postgres(_) => Err(diesel::result::Error::BrokenTransactionManager),
    }
}

#[cfg(test)]
mod tests {
    use diesel::RunQueryDsl;

    use super::*;

    fn insert(conn: &mut DbConn, x: i32) -> Result<(), ApiError> {
        diesel::sql_query(format!("INSERT INTO t VALUES ({x})")).execute(conn)?;
        Ok(())
    }

    #[test]
    fn a_failing_or_panicking_job_leaves_the_others_of_its_group_committed() {
        let dir = std::env::temp_dir().join(format!("hallpass_gc_{}", crate::ids::new_id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let url = dir.join("t.sqlite3").display().to_string();
        let manager = Manager::new(&url).expect("manager");
        let mut conn = manager.open().expect("connect");
        diesel::sql_query("CREATE TABLE t (x INTEGER)")
            .execute(&mut conn)
            .expect("table");
        let writer = GroupCommit::start(&manager).expect("writer");

        let threads: Vec<_> = (0..30)
            .map(|x| {
                let writer = writer.clone();
                std::thread::spawn(move || {
                    writer.write(move |conn| {
                        insert(conn, x)?;
                        match x % 3 {
                            0 => Ok(x),
                            1 => Err(ApiError::not_found("nothing")),
                            _ => panic!("job {x} panics"),
                        }
                    })
                })
            })
            .collect();
        let answers: Vec<_> = threads
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect();
        assert_eq!(answers.iter().filter(|a| a.is_ok()).count(), 10);

        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            x: i32,
        }
        let kept: Vec<Row> = diesel::sql_query("SELECT x FROM t ORDER BY x")
            .load(&mut conn)
            .expect("rows");
        let kept: Vec<i32> = kept.into_iter().map(|r| r.x).collect();
        assert_eq!(kept, (0..30).filter(|x| x % 3 == 0).collect::<Vec<_>>());
        // The writer is still there after the panics.
        writer.write(|conn| insert(conn, 99)).expect("later write");
        let _ = std::fs::remove_dir_all(dir);
    }
}
