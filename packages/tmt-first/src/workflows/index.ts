/** Flows the TMT First document describes, composed of the client's operations. */
export {
  answerQuote,
  FINAL_JOB_STATUS,
  followJob,
  type FollowJobOptions,
  JobWaitTimeoutError,
  prealertAndWaitForQuote,
  sameStatus,
  waitForJobStatus,
} from './follow-job.js';
