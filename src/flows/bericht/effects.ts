import { z } from 'zod';

/** The id of the message action in appPackage/manifest.json (composeExtensions[0].commands[0].id). */
export const BERICHT_COMMAND_ID = 'meldenBijWeerbaar';

/** The job that opens the melding in the person's 1:1 chat: the kept message, then the step the draft is at. */
export const BERICHT_START_JOB = 'bericht.start';

export const BerichtStartSchema = z.object({
  orgId: z.string().min(1).max(100),
  aadObjectId: z.string().min(1).max(100),
  draftId: z.uuid(),
});
export type BerichtStart = z.infer<typeof BerichtStartSchema>;
