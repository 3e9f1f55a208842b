import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes, registered on the Temporal namespace at start-up (runtime/searchAttributes.ts). */
export const DeliveryStatusKey = defineSearchAttributeKey('DeliveryStatus', SearchAttributeType.KEYWORD);
export const EngagementIdKey = defineSearchAttributeKey('EngagementId', SearchAttributeType.KEYWORD);
export const DeliveryChannelKey = defineSearchAttributeKey('DeliveryChannel', SearchAttributeType.KEYWORD);
export const NextAttemptAtKey = defineSearchAttributeKey('NextAttemptAt', SearchAttributeType.DATETIME);
/** What a pending delivery waits for (domain/delivery/waitingFor.ts), "none" while it attempts or once final. */
export const WaitingForKey = defineSearchAttributeKey('WaitingFor', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [DeliveryStatusKey, EngagementIdKey, DeliveryChannelKey, NextAttemptAtKey, WaitingForKey];
