/** Flows the TMT First document describes, composed of the client's operations. */
export {
  answerQuote,
  FINAL_JOB_STATUS,
  FOLLOW_JOB_DEFAULTS,
  followJob,
  type FollowJobOptions,
  JobWaitTimeoutError,
  prealertAndWaitForQuote,
  sameStatus,
  waitForJobStatus,
} from './follow-job.js';
