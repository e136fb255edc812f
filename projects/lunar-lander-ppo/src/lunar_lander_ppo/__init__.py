"""Lunar Lander PPO: the environments, agent, PPO training, evaluation and inference code."""
