package dev.moddesk.contract.review;

/** How a circle lets people in: answer its questions, shoot a themed video, or either. */
public enum JoinMode { QUESTIONS, VIDEO, EITHER }
