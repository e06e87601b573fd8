import type { ComponentProps } from 'react';

import { TextField } from '../../../components/TextField';
import { viewerZone } from '../../../time/zones';
import { timeForViewer } from '../zoned-time';

interface ClockTimeFieldProps extends Omit<ComponentProps<typeof TextField>, 'type' | 'hint'> {
  /** The value as typed, to say what it means on the viewer's clock. */
  time: string;
  zone: string;
}

/** A 24-hour `HH:MM` time in the group's zone, also read on the viewer's own clock when that differs. */
export function ClockTimeField({ time, zone, ...field }: ClockTimeFieldProps) {
  const yours = timeForViewer(time, zone, viewerZone());
  return <TextField type="time" step={60} hint={yours ? `${yours}.` : `${zone} time.`} {...field} />;
}
