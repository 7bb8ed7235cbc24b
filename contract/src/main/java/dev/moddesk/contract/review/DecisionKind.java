package dev.moddesk.contract.review;

public enum DecisionKind { APPROVE, REJECT, NEEDS_INFO }
